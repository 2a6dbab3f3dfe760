# Rådslag's container: production dependencies and the build in stages of their own, run from a slim image
# as the non-root user `node`. Node 22 is a supported LTS (Node 20 reached its end of life in 2026).

# Production dependencies only; better-sqlite3 compiles its native part here when no prebuilt binary fits.
FROM node:22-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# The server (TypeScript) and the tab (Vite), with the development dependencies.
FROM deps AS build
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build --silent

FROM node:22-bookworm-slim
ENV NODE_ENV=production TEAMSFX_ENV=dev PORT=8080
WORKDIR /app
COPY --from=deps --chown=node:node /app/package.json /app/package-lock.json ./
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/env ./env
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# What npm start runs after its build (package.json "start"): the same node options, the built server.
CMD ["node", "--max-old-space-size=256", "--heap-growing-percent=100", "--max-semi-space-size=8", "dist/src/main.js"]
