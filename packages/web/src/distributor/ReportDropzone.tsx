import { Box, Group, LoadingOverlay, Text } from '@mantine/core';
import { IconFileSpreadsheet, IconUpload, IconX } from '@tabler/icons-react';
import { type Accept, useDropzone } from 'react-dropzone';
import classes from './ReportDropzone.module.css';

interface ReportDropzoneProps {
  /** MIME types with the file extensions each may have. */
  accept: Accept;
  loading: boolean;
  /** Accessible name of the zone. */
  label: string;
  idle: string;
  hint: string;
  onFile: (file: File) => void;
  /** A file of another type was dropped or chosen. */
  onReject: () => void;
}

/**
 * Drop one report here, or click (Enter, Space) to choose it. react-dropzone does the file
 * handling; this is only its look. (Mantine's own Dropzone wraps the same library but its
 * current releases require Node 22, and Spur installs cleanly on Node 20.)
 */
export function ReportDropzone({ accept, loading, label, idle, hint, onFile, onReject }: ReportDropzoneProps) {
  const { getRootProps, getInputProps, isDragActive, isDragAccept, isDragReject } = useDropzone({
    accept,
    multiple: false,
    disabled: loading,
    onDropAccepted: (files) => {
      const file = files[0];
      if (file) onFile(file);
    },
    onDropRejected: onReject,
  });
  const accepting = isDragActive && isDragAccept;
  const rejecting = isDragActive && isDragReject;
  return (
    <Box
      {...getRootProps({ 'aria-label': label })}
      className={classes.zone}
      data-testid="sellout-dropzone"
      data-accept={accepting || undefined}
      data-reject={rejecting || undefined}
      data-loading={loading || undefined}
    >
      <LoadingOverlay visible={loading} />
      <input {...getInputProps({ name: 'file', 'aria-label': label })} />
      <Group justify="center" gap="lg" mih={140} style={{ pointerEvents: 'none' }}>
        {rejecting ? (
          <IconX size={48} stroke={1.5} aria-hidden />
        ) : accepting ? (
          <IconUpload size={48} stroke={1.5} aria-hidden />
        ) : (
          <IconFileSpreadsheet size={48} stroke={1.5} aria-hidden />
        )}
        <div>
          <Text size="lg">{idle}</Text>
          <Text size="sm" c="dimmed" mt={6}>
            {hint}
          </Text>
        </div>
      </Group>
    </Box>
  );
}
