/**
 * `npm run package`: builds build/appPackage/appPackage.<env>.zip for the environment named by
 * TEAMSFX_ENV (local by default). All the work is in ./app-package; this file only reports.
 */
import path from 'node:path';
import { ConfigError, loadConfig } from '../src/config';
import { buildAppPackage, ManifestValidationError, UnfilledPlaceholderError } from './app-package';

async function main(): Promise<void> {
  const config = loadConfig({ role: 'tool' });
  const result = await buildAppPackage(config, { onWarning: (w) => console.warn(`warning: ${w}`) });
  const rel = (p: string) => path.relative(process.cwd(), p) || p;
  console.log(`Teams app package for "${config.env}" is valid (${JSON.stringify(result.manifest.$schema)}).`);
  console.log(`  manifest: ${rel(result.manifestPath)}`);
  console.log(`  package:  ${rel(result.zipPath)} (${result.files.join(', ')})`);
}

main().catch((err: unknown) => {
  // Known failures get their message alone; anything else keeps its stack for debugging.
  if (err instanceof ManifestValidationError || err instanceof UnfilledPlaceholderError || err instanceof ConfigError) {
    console.error(err.message);
  } else {
    console.error(err);
  }
  process.exitCode = 1;
});
