import { programJsonSchema } from '@spur/engine';
import type { Command } from 'commander';
import { CliError } from '../cli/context.ts';
import { readProgramFile } from '../simulate/simulate.ts';
import { SimulateError } from '../simulate/simulate-error.ts';

export function registerProgramCommands(program: Command): void {
  const programs = program.command('program').description('program definitions (rules, eligibility, periods, budgets)');
  programs
    .command('schema')
    .description('print the JSON Schema of program documents, for editors (YAML language server, VS Code)')
    .action(() => {
      process.stdout.write(`${JSON.stringify(programJsonSchema(), null, 2)}\n`);
    });
  programs
    .command('validate')
    .description('check a program file (YAML or JSON); prints each problem with its path, exits 1 if invalid')
    .argument('<file>', 'the program file, e.g. examples/programs/channelvalue.yaml')
    .action(async (file: string) => {
      try {
        const valid = await readProgramFile(file);
        console.log(`${file}: program ${valid.id} is valid`);
      } catch (error) {
        if (error instanceof SimulateError) throw new CliError(error.message);
        throw error;
      }
    });
}
