import type { Command } from 'commander';

/** One area's CLI: the top-level commands it defines (or adds subcommands to) and its loader. */
export interface CommandArea {
  commands: readonly string[];
  load: () => Promise<(program: Command) => void>;
}

/**
 * Every area, in the order `spur --help` lists them. Loading an area's module loads its whole
 * dependency tree (database drivers, HTTP server...), so the CLI loads only the areas that define
 * the command it runs; tests check `commands` against what each area registers.
 */
export const COMMAND_AREAS: readonly CommandArea[] = [
  { commands: ['start'], load: async () => (await import('./start-command.ts')).registerStartCommand },
  { commands: ['db'], load: async () => (await import('./db-commands.ts')).registerDbCommands },
  { commands: ['user'], load: async () => (await import('../auth/cli.ts')).registerAuthCommands },
  {
    commands: ['import', 'audit'],
    load: async () => (await import('../masterdata/cli.ts')).registerMasterDataCommands,
  },
  {
    commands: ['import', 'sellout', 'profiles', 'quarantine'],
    load: async () => (await import('../sellout/cli.ts')).registerSellOutCommands,
  },
  { commands: ['demo'], load: async () => (await import('../demo/cli.ts')).registerDemoCommands },
  { commands: ['ledger'], load: async () => (await import('../ledger/cli.ts')).registerLedgerCommands },
  { commands: ['program'], load: async () => (await import('../programs/cli.ts')).registerProgramCommands },
  { commands: ['simulate'], load: async () => (await import('../simulate/cli.ts')).registerSimulateCommand },
  { commands: ['calc', 'runs'], load: async () => (await import('../runs/cli.ts')).registerRunCommands },
  { commands: ['earnings'], load: async () => (await import('../earnings/cli.ts')).registerEarningsCommands },
  { commands: ['worker', 'schedule-runs'], load: async () => (await import('../jobs/cli.ts')).registerJobCommands },
];

/**
 * The areas to load for these arguments: those defining the command named first, or every
 * area for help, an unknown command or no command (so help and suggestions list everything).
 */
export function areasFor(args: readonly string[]): readonly CommandArea[] {
  const name = args.find((arg) => !arg.startsWith('-'));
  const defining = COMMAND_AREAS.filter((area) => name !== undefined && area.commands.includes(name));
  return defining.length > 0 ? defining : COMMAND_AREAS;
}

/** Registers the areas' commands on `program`, in table order. */
export async function registerAreas(program: Command, areas: readonly CommandArea[]): Promise<void> {
  const registers = await Promise.all(areas.map((area) => area.load()));
  for (const register of registers) register(program);
}
