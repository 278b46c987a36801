import { Command, CommanderError } from 'commander';
import { areasFor, registerAreas } from './command-areas.ts';

const program = new Command('spur')
  .description('Spur: channel partner programs (incentives, rebates, points) and the partner portal')
  .showHelpAfterError()
  .exitOverride();

// Only the areas of the command being run are loaded; help loads them all.
await registerAreas(program, areasFor(process.argv.slice(2)));

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Loaded here, not up front: context.ts brings the database drivers (a failing command loaded it already).
  const { CliError } = await import('./context.ts');
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else if (error instanceof CliError) {
    console.error(`error: ${error.message}`);
    process.exitCode = 1;
  } else {
    console.error(error);
    process.exitCode = 1;
  }
}
