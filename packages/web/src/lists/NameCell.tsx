import { Badge, Table } from '@mantine/core';

/** A row's name cell, with a badge after the name for a state to be seen at a glance (e.g. disabled). */
export function NameCell({ name, badge, color }: { name: string; badge: string | false; color: string }) {
  return (
    <Table.Td>
      {name}
      {badge && (
        <Badge ms="xs" variant="light" color={color}>
          {badge}
        </Badge>
      )}
    </Table.Td>
  );
}
