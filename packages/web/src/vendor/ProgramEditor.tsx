import { Alert, Button, Group, List, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../api/client.ts';
import { consoleApi, type Problem, type SaveResult } from './console-api.ts';
import { ProgramForm } from './ProgramForm.tsx';
import { useVendorT } from './use-vendor-t.ts';

/**
 * The editor of a program: a form for the common fields beside the YAML, both editing the same
 * text, checked by the server as the user types (each problem names its path, the form shows it on
 * its field), saved as a draft or a new version.
 */
export function ProgramEditor({
  text,
  onTextChange,
  isNew,
  onSaved,
}: {
  text: string;
  onTextChange: (text: string) => void;
  isNew: boolean;
  onSaved: (result: SaveResult) => void;
}) {
  const { tv, format, failure } = useVendorT();
  const queryClient = useQueryClient();
  const [debounced] = useDebouncedValue(text, 400);
  const [saved, setSaved] = useState<SaveResult | null>(null);
  const validation = useQuery({
    queryKey: ['console', 'validate', debounced],
    queryFn: ({ signal }) => consoleApi.programs.validate(debounced, signal),
    enabled: debounced.trim() !== '',
  });
  const save = useMutation({
    mutationFn: () => consoleApi.programs.save(text),
    onSuccess: (result) => {
      setSaved(result);
      void queryClient.invalidateQueries({ queryKey: ['console'] });
      onSaved(result);
    },
  });
  const saveProblems: Problem[] =
    save.error instanceof ApiError && Array.isArray((save.error.details as { problems?: unknown })?.problems)
      ? (save.error.details as { problems: Problem[] }).problems
      : [];
  const problems = validation.data?.problems ?? saveProblems;
  const checking = debounced !== text || validation.isFetching;

  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap="xs">
          <Title order={2} size="h4">
            {tv('form.title')}
          </Title>
          <ProgramForm
            text={text}
            isNew={isNew}
            problems={problems}
            onTextChange={(next) => {
              setSaved(null);
              onTextChange(next);
            }}
          />
        </Stack>
        <Textarea
          label={tv('editor.label')}
          description={tv('editor.help')}
          value={text}
          onChange={(event) => {
            setSaved(null);
            onTextChange(event.currentTarget.value);
          }}
          autosize
          minRows={14}
          maxRows={30}
          dir="ltr"
          spellCheck={false}
          styles={{ input: { fontFamily: 'monospace', fontSize: 13 } }}
          aria-describedby="program-problems"
        />
      </SimpleGrid>
      <div id="program-problems" aria-live="polite">
        {checking ? (
          <Text size="sm">{tv('editor.checking')}</Text>
        ) : problems.length > 0 ? (
          <Alert color="red" title={tv('editor.problems')}>
            <List size="sm">
              {problems.map((problem) => (
                <List.Item key={`${problem.path}:${problem.message}`}>
                  <Text span ff="monospace" dir="ltr">
                    {problem.path}
                  </Text>
                  : {problem.message}
                </List.Item>
              ))}
            </List>
          </Alert>
        ) : validation.data?.valid ? (
          <Text size="sm" c="#1b5e20">
            {tv('editor.valid')}
          </Text>
        ) : null}
      </div>
      {validation.error && (
        <Alert color="red" role="alert">
          {failure(validation.error)}
        </Alert>
      )}
      <Group>
        <Button onClick={() => save.mutate()} loading={save.isPending} disabled={text.trim() === ''}>
          {isNew ? tv('editor.save') : tv('editor.saveVersion')}
        </Button>
        {saved && (
          <Text size="sm" role="status">
            {saved.outcome === 'unchanged'
              ? tv('editor.unchanged', { version: saved.version })
              : tv('editor.saved', { version: saved.version, date: format.date(saved.effective_from) })}
          </Text>
        )}
      </Group>
      {save.error && saveProblems.length === 0 && (
        <Alert color="red" role="alert">
          {failure(save.error)}
        </Alert>
      )}
    </Stack>
  );
}
