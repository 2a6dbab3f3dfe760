/**
 * The floor any botbuilder bot stands on: CloudAdapter + ActivityHandler on restify that replies with the
 * text it got. Started by bench/run.ts as its own process, on the port in argv[2].
 */
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import restify from 'restify';

const port = Number(process.argv[2] ?? 3980);
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new ActivityHandler();
bot.onMessage(async (context, next) => {
  await context.sendActivity(context.activity.text ?? '');
  await next();
});

const server = restify.createServer({ name: 'bare-bot' });
server.use(restify.plugins.bodyParser({ mapParams: false }));
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.get('/healthz', (_req, res, next) => {
  res.send(200, { status: 'ok' });
  next();
});
server.listen(port, '127.0.0.1', () => console.log(`bare bot on ${port}`));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
