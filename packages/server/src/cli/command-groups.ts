import type { Command } from 'commander';

/**
 * Returns the subcommand `name` of `program`, creating it when no area registered it yet, so that
 * several areas hang their subcommands under one group (e.g. `spur import partners|sellout`).
 */
export function getOrCreateCommand(program: Command, name: string, description: string): Command {
  return program.commands.find((command) => command.name() === name) ?? program.command(name).description(description);
}
