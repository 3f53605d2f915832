import '@mantine/core/styles.css';
import '@mantine/charts/styles.css';
import { type CSSVariablesResolver, createTheme, defaultVariantColorsResolver, MantineProvider, type VariantColorsResolver } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';

/**
 * Light, subtle and outline variants (tinted or no background) write their text in near-black, the
 * primary colour in its darkest shade, and dimmed text is a darker grey: Mantine's defaults fall
 * under WCAG AA contrast (4.5:1 for small text), which axe checks on every page.
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  if (!['light', 'subtle', 'outline'].includes(input.variant ?? '')) return colors;
  const name = (input.color ?? input.theme.primaryColor).split('.')[0]!;
  const text = name === input.theme.primaryColor ? `var(--mantine-color-${name}-9)` : 'var(--mantine-color-dark-7)';
  return { ...colors, color: text, border: input.variant === 'outline' ? `1px solid ${text}` : colors.border };
};

// Users who ask their system for less motion get dialogs and menus without fades.
const theme = createTheme({ primaryColor: 'indigo', primaryShade: 8, defaultRadius: 'sm', respectReducedMotion: true, variantColorResolver });

const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: { '--mantine-color-dimmed': t.colors.gray[7]!, '--mantine-color-placeholder': t.colors.gray[7]! },
  dark: {},
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </MantineProvider>
  </StrictMode>,
);
