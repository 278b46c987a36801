import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from '../i18n/LanguageSwitcher.tsx';

/** The frame of the pages reached without a session: sign-in, password reset, invitation. */
export function PublicPage({ title, intro, children }: { title: string; intro: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" bg="gray.0">
      <Group justify="flex-end" p="sm">
        <LanguageSwitcher />
      </Group>
      <Center px="md" pb="xl">
        <Paper component="main" withBorder shadow="sm" radius="md" p="xl" w="100%" maw={420}>
          <Stack gap="md">
            <div>
              <Text fw={700} size="xl" c="blue.8">
                {t('app.name')}
              </Text>
              <Title order={1} size="h2">
                {title}
              </Title>
              <Text mt="xs">{intro}</Text>
            </div>
            {children}
          </Stack>
        </Paper>
      </Center>
    </Box>
  );
}
