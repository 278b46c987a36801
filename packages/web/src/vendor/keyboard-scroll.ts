import type { ScrollAreaProps } from '@mantine/core';

/** Wide tables scroll sideways on a phone; a focusable viewport lets keyboard users scroll them too. */
export const KEYBOARD_SCROLL: ScrollAreaProps = { viewportProps: { tabIndex: 0 } };
