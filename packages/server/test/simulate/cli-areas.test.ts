import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { areasFor, COMMAND_AREAS, registerAreas } from '../../src/cli/command-areas.ts';

/** Top-level command names with their subcommand names, as help would list them. */
function tree(program: Command): string[] {
  return program.commands.map((command) => [command.name(), ...command.commands.map((sub) => sub.name())].join(' '));
}

describe('CLI command areas', () => {
  it('each area defines exactly the top-level commands the table names for it', async () => {
    for (const area of COMMAND_AREAS) {
      const program = new Command('spur');
      await registerAreas(program, [area]);
      expect(program.commands.map((command) => command.name()).sort()).toEqual([...new Set(area.commands)].sort());
    }
  });

  it('loading only the areas of a command gives that command the same subcommands as loading all', async () => {
    const all = new Command('spur');
    await registerAreas(all, COMMAND_AREAS);
    for (const command of all.commands) {
      const partial = new Command('spur');
      await registerAreas(partial, areasFor([command.name(), '--help']));
      expect(tree(partial).find((entry) => entry.split(' ')[0] === command.name())).toBe(
        tree(all).find((entry) => entry.split(' ')[0] === command.name()),
      );
    }
  });

  it.each([[[]], [['--help']], [['help', 'simulate']], [['no-such-command']]])('loads every area for %j', (args) => {
    expect(areasFor(args)).toBe(COMMAND_AREAS);
  });

  it('loads only the simulate area for spur simulate', () => {
    expect(areasFor(['simulate', '--program', 'p.yaml']).flatMap((area) => area.commands)).toEqual(['simulate']);
  });
});
