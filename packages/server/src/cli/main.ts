import { Command, CommanderError } from 'commander';
import { registerAuthCommands } from '../auth/cli.ts';
import { registerDemoCommands } from '../demo/cli.ts';
import { registerLedgerCommands } from '../ledger/cli.ts';
import { registerMasterDataCommands } from '../masterdata/cli.ts';
import { registerSellOutCommands } from '../sellout/cli.ts';
import { CliError } from './context.ts';
import { registerDbCommands } from './db-commands.ts';
import { registerStartCommand } from './start-command.ts';
import { registerProgramCommands } from '../programs/cli.ts';
import { registerSimulateCommand } from '../simulate/cli.ts';
import { registerRunCommands } from '../runs/cli.ts';
import { registerEarningsCommands } from '../earnings/cli.ts';
import { registerJobCommands } from '../jobs/cli.ts';

const program = new Command('spur')
  .description('Spur: channel partner programs (incentives, rebates, points) and the partner portal')
  .showHelpAfterError()
  .exitOverride();

registerStartCommand(program);
registerDbCommands(program);
registerAuthCommands(program);
registerMasterDataCommands(program);
registerSellOutCommands(program);
registerDemoCommands(program);
registerLedgerCommands(program);
registerProgramCommands(program);
registerSimulateCommand(program);
registerRunCommands(program);
registerEarningsCommands(program);
registerJobCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
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
