// Loaded by the gateway too: nothing here may pull in the ORM or type-graphql.
import { logger } from './logger';

/**
 * Stops on SIGINT/SIGTERM, or when the launcher that started us goes away (our stdin closes:
 * set EXIT_WITH_PARENT=1), so no server outlives `npm start`. A stop that hangs is cut short.
 */
export function exitCleanlyOnSignals(label: string, stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      logger.error(`${label} stop failed to finish within 5 s; exiting`);
      process.exit(1);
    }, 5000).unref();
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, `${label} failed to stop`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  if (process.env.EXIT_WITH_PARENT === '1') {
    process.stdin.on('end', shutdown);
    process.stdin.on('error', shutdown);
    process.stdin.resume();
  }
}
