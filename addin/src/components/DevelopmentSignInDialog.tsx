/**
 * The development identity provider's sign-in form in a dialog: type or pick an email and an
 * organisation. A chunk of its own, loaded only where the development provider signs people in
 * (DevelopmentSignIn.tsx): a production pane never downloads it.
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Select,
  Text,
} from '@fluentui/react-components';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { isValidEmail } from '#shared/email/normalizeEmail.js';
import { apiFetch } from '../api/apiClient.js';
import type { DevelopmentIdentity } from '../auth/developmentAuth.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useLayout } from './layout.js';

interface Organisation {
  tenantId: string;
  name: string;
  domain: string;
}

export default function DevelopmentSignInDialog({
  open,
  initial,
  onSubmit,
  onCancel,
}: {
  open: boolean;
  initial: DevelopmentIdentity | null;
  onSubmit: (identity: DevelopmentIdentity) => void;
  onCancel: () => void;
}) {
  return (
    <Dialog open={open} modalType="modal" onOpenChange={(_, data) => !data.open && onCancel()}>
      <DialogSurface aria-describedby="dev-signin-explain">
        {open && <DevelopmentSignInForm initial={initial} onSubmit={onSubmit} onCancel={onCancel} />}
      </DialogSurface>
    </Dialog>
  );
}

function DevelopmentSignInForm({
  initial,
  onSubmit,
  onCancel,
}: {
  initial: DevelopmentIdentity | null;
  onSubmit: (identity: DevelopmentIdentity) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const layout = useLayout();
  const [organisations, setOrganisations] = useState<Organisation[]>([]);
  const [email, setEmail] = useState(initial?.email ?? '');
  const [tenantId, setTenantId] = useState(initial?.tenantId ?? '');
  const [name, setName] = useState(initial?.name ?? '');
  const [touched, setTouched] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    apiFetch<Organisation[]>('/dev/idp/organisations').then(setOrganisations, () => setOrganisations([]));
  }, []);

  const emailValid = isValidEmail(email);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!emailValid) {
      emailRef.current?.focus();
      return;
    }
    onSubmit({ email: email.trim(), ...(tenantId ? { tenantId } : {}), ...(name.trim() ? { name: name.trim() } : {}) });
  };

  return (
    <form onSubmit={submit} noValidate>
      <DialogBody>
        <DialogTitle>{t('auth.dev.title')}</DialogTitle>
        <DialogContent className={layout.stackM}>
          <Text id="dev-signin-explain">{t('auth.dev.explain')}</Text>
          <Field
            label={t('auth.dev.email')}
            required
            validationState={touched && !emailValid ? 'error' : 'none'}
            validationMessage={touched && !emailValid ? t('auth.dev.invalidEmail') : undefined}
          >
            <Input
              ref={emailRef}
              type="email"
              autoComplete="email"
              value={email}
              onChange={(_, data) => setEmail(data.value)}
              placeholder="anna@contoso.com"
              autoFocus
            />
          </Field>
          <Field label={t('auth.dev.organisation')}>
            <Select value={tenantId} onChange={(_, data) => setTenantId(data.value)}>
              <option value="">{t('auth.dev.organisationFromDomain')}</option>
              {organisations.map((o) => (
                <option key={o.tenantId} value={o.tenantId}>
                  {o.name} ({o.domain})
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('auth.dev.name')}>
            <Input value={name} onChange={(_, data) => setName(data.value)} autoComplete="name" />
          </Field>
        </DialogContent>
        <DialogActions>
          <Button appearance="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button appearance="primary" type="submit">
            {t('common.signIn')}
          </Button>
        </DialogActions>
      </DialogBody>
    </form>
  );
}
