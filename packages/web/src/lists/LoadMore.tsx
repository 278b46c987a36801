import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The foot of a cursor-paginated list: how many rows are shown, and a button for the next page. */
export function LoadMore({
  shown,
  hasMore,
  loading,
  onLoad,
}: {
  shown: number;
  hasMore: boolean;
  loading: boolean;
  onLoad: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" mt="sm">
      <Text size="sm">{t('lists.shown', { count: shown })}</Text>
      {hasMore && (
        <Button variant="default" onClick={onLoad} loading={loading}>
          {t('lists.loadMore')}
        </Button>
      )}
    </Group>
  );
}
