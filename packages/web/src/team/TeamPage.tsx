import { Alert, Button, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { useSignedInUser } from '../auth/signed-in-user.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { useFormat } from '../i18n/use-format.ts';
import { InviteRepForm } from './InviteRepForm.tsx';

/** A partner admin's people: invite sales reps, see who has an account and who is still invited. */
export function TeamPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const user = useSignedInUser();
  const queryClient = useQueryClient();
  const partnerId = user.partner_id ?? undefined;
  // One page of 500 (the API's maximum) covers a partner's people; larger partners page in a later round.
  const people = useQuery({
    queryKey: ['users', { partner_id: partnerId }],
    queryFn: ({ signal }) => api.users.list({ partner_id: partnerId, limit: 500 }, signal),
  });
  const invitations = useQuery({
    queryKey: ['invitations', 'pending'],
    queryFn: ({ signal }) => api.invitations.list({ status: 'pending', limit: 500 }, signal),
  });
  const withdraw = useMutation({
    mutationFn: (invitationId: string) => api.invitations.withdraw(invitationId),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['invitations'] }),
  });

  return (
    <Stack maw={960}>
      <Title order={1}>{t('nav.team')}</Title>
      <InviteRepForm />

      <Title order={2} size="h3" id="pending-invitations">
        {t('team.pending')}
      </Title>
      {(invitations.isError || withdraw.isError) && (
        <Alert color="red" title={t('errors.title')} role="alert">
          {errorMessage(t, invitations.error ?? withdraw.error)}
        </Alert>
      )}
      {invitations.isPending ? (
        <Loader aria-label={t('status.loading')} />
      ) : invitations.data?.items.length ? (
        <Table.ScrollContainer minWidth={640}>
          <Table striped aria-labelledby="pending-invitations">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('team.name')}</Table.Th>
                <Table.Th>{t('signIn.email')}</Table.Th>
                <Table.Th>{t('team.expires')}</Table.Th>
                <Table.Th>{t('team.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {invitations.data.items.map((invitation) => (
                <Table.Tr key={invitation.invitation_id}>
                  <Table.Td>{invitation.name}</Table.Td>
                  <Table.Td dir="ltr">{invitation.email}</Table.Td>
                  <Table.Td>{format.dateTime(invitation.expires_at)}</Table.Td>
                  <Table.Td>
                    <Button
                      variant="default"
                      size="xs"
                      loading={withdraw.isPending && withdraw.variables === invitation.invitation_id}
                      onClick={() => withdraw.mutate(invitation.invitation_id)}
                      aria-label={t('team.withdrawFor', { email: invitation.email })}
                    >
                      {t('team.withdraw')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Text>{t('team.noPending')}</Text>
      )}

      <Title order={2} size="h3" id="team-members">
        {t('team.members')}
      </Title>
      {people.isError && (
        <Alert color="red" title={t('errors.title')} role="alert">
          {errorMessage(t, people.error)}
        </Alert>
      )}
      {people.isPending ? (
        <Loader aria-label={t('status.loading')} />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped aria-labelledby="team-members">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('team.name')}</Table.Th>
                <Table.Th>{t('signIn.email')}</Table.Th>
                <Table.Th>{t('account.role')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {people.data?.items.map((person) => (
                <Table.Tr key={person.user_id}>
                  <Table.Td>{person.name}</Table.Td>
                  <Table.Td dir="ltr">{person.email}</Table.Td>
                  <Table.Td>{person.role ? t(`roles.${person.role}`) : t('users.invited')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
