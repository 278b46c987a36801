import { type CSSVariablesResolver, createTheme } from '@mantine/core';

// Shade 8 keeps white text on primary buttons above the WCAG AA contrast ratio of 4.5:1.
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", sans-serif',
});

// Mantine's default dimmed grey fails AA contrast on white; a darker grey passes.
export const cssVariablesResolver: CSSVariablesResolver = (activeTheme) => ({
  variables: {},
  light: { '--mantine-color-dimmed': activeTheme.colors.gray[7] },
  dark: {},
});
