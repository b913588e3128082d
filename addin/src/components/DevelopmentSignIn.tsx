/**
 * The development identity provider's sign-in prompt: `useDevelopmentSignInPrompt` gives the
 * `prompt` that DevelopmentAuth awaits and the dialog that answers it (DevelopmentSignInDialog.tsx,
 * loaded with the first prompt: production panes, signed in by Microsoft, never load it).
 */
import { lazy, Suspense, useCallback, useState } from 'react';
import type { DevelopmentIdentity } from '../auth/developmentAuth.js';

const DevelopmentSignInDialog = lazy(
  () => import(/* webpackChunkName: "development-sign-in" */ './DevelopmentSignInDialog.js'),
);

interface Pending {
  initial: DevelopmentIdentity | null;
  resolve: (identity: DevelopmentIdentity) => void;
  reject: (error: Error) => void;
}

export function useDevelopmentSignInPrompt() {
  const [pending, setPending] = useState<Pending | null>(null);
  // Mounted from the first prompt on, and then kept.
  const [prompted, setPrompted] = useState(false);
  const prompt = useCallback(
    (initial: DevelopmentIdentity | null) =>
      new Promise<DevelopmentIdentity>((resolve, reject) => {
        setPrompted(true);
        setPending({ initial, resolve, reject });
      }),
    [],
  );
  // The Dialog stays mounted and is closed through `open`: unmounting an open modal dialog would
  // leave Fluent's aria-hidden on the rest of the page, hiding it from screen readers.
  const dialog = prompted && (
    <Suspense fallback={null}>
      <DevelopmentSignInDialog
        open={pending !== null}
        initial={pending?.initial ?? null}
        onSubmit={(identity) => {
          setPending(null);
          pending?.resolve(identity);
        }}
        onCancel={() => {
          setPending(null);
          pending?.reject(new Error('cancelled'));
        }}
      />
    </Suspense>
  );
  return { prompt, dialog };
}
