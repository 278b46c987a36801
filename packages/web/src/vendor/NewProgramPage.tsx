import { Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ProgramEditor } from './ProgramEditor.tsx';
import { useVendorT } from './use-vendor-t.ts';

/** A starting point that passes validation, so the editor opens on something that works. */
const TEMPLATE = `id: new-program
name: New program
unit: EUR
start: ${new Date().getUTCFullYear()}-01-01
period: { type: month }
participants: partners
eligibility: { partner_types: [reseller] }
measure: { metric: revenue }
rewards:
  - type: percent_of_revenue
    percent: 2
budget: { amount: 10000, policy: pro_rata }
payout_due_days: 14
`;

/** Creates a program as a draft from its YAML rules; then the program's page simulates and activates it. */
export function NewProgramPage() {
  const { tv } = useVendorT();
  const navigate = useNavigate();
  const [text, setText] = useState(TEMPLATE);
  return (
    <Stack maw={1100}>
      <Title order={1}>{tv('editor.newTitle')}</Title>
      <ProgramEditor
        text={text}
        onTextChange={setText}
        isNew
        onSaved={(result) => void navigate(`/programs/${encodeURIComponent(result.program_id)}`)}
      />
    </Stack>
  );
}
