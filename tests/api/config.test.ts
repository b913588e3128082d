import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/src/config.js';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('configuration', () => {
  it('runs everything locally by default', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      publicUrl: 'http://localhost:3000',
      identity: { provider: 'development' },
      graph: { standInEnabled: true },
      payments: { provider: 'simulated', currency: 'EUR' },
    });
  });

  it('refuses every development stand-in in production, with a message saying what to set', () => {
    const found = problems({ NODE_ENV: 'production', IDENTITY_PROVIDER: 'development' });
    expect(found.join('\n')).toMatch(/development identity provider cannot run/);
    expect(found.join('\n')).toMatch(/Graph stand-in cannot run/);
    expect(found.join('\n')).toMatch(/simulated payment provider cannot run/);
    expect(found.join('\n')).toMatch(/SMTP_URL is required/);
  });

  it('logs readable lines in development and JSON lines in production, or as told', () => {
    expect(loadConfig({}).logFormat).toBe('pretty');
    expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(problems({ NODE_ENV: 'production' }).join('\n')).not.toMatch(/LOG_FORMAT/);
    expect(problems({ LOG_FORMAT: 'xml' })).toEqual([expect.stringMatching(/^LOG_FORMAT/)]);
  });

  it('links the footer to the page about Outmerge, and that page to the AppSource listing when there is one', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://outmerge.contoso.example' })).toMatchObject({
      promoUrl: 'https://outmerge.contoso.example/outmerge.html',
      appSourceUrl: null,
    });
    expect(loadConfig({ PROMO_URL: 'https://www.outmerge.example/' }).promoUrl).toBe('https://www.outmerge.example');
    expect(
      loadConfig({ APPSOURCE_URL: 'https://appsource.microsoft.com/product/office/WA200000000' }).appSourceUrl,
    ).toBe('https://appsource.microsoft.com/product/office/WA200000000');
    expect(problems({ APPSOURCE_URL: 'javascript:alert(1)' })).toEqual([
      expect.stringMatching(/^APPSOURCE_URL must be an https URL/),
    ]);
    expect(problems({ APPSOURCE_URL: 'http://appsource.microsoft.com/x' })).toEqual([
      expect.stringMatching(/^APPSOURCE_URL/),
    ]);
  });

  it('requires an Entra client id for the Entra identity provider', () => {
    expect(problems({ IDENTITY_PROVIDER: 'entra' })).toEqual([expect.stringMatching(/ENTRA_CLIENT_ID/)]);
    expect(problems({ IDENTITY_PROVIDER: 'entra', ENTRA_CLIENT_ID: '8a1c2f3e-0000-4000-8000-000000000000' })).toEqual(
      [],
    );
  });

  it("sends at Exchange Online's 30 a minute and no faster unless the deployment allows more, never below the starting pace", () => {
    expect(loadConfig({}).sending).toMatchObject({ ratePerMinute: 30, maxRatePerMinute: 30 });
    expect(loadConfig({ SEND_RATE_PER_MINUTE: '20' }).sending).toMatchObject({
      ratePerMinute: 20,
      maxRatePerMinute: 20,
    });
    expect(loadConfig({ SEND_RATE_PER_MINUTE: '20', SEND_RATE_MAX_PER_MINUTE: '60' }).sending).toMatchObject({
      ratePerMinute: 20,
      maxRatePerMinute: 60,
    });
    expect(problems({ SEND_RATE_PER_MINUTE: '30', SEND_RATE_MAX_PER_MINUTE: '10' })).toEqual([
      expect.stringMatching(/^SEND_RATE_MAX_PER_MINUTE \(10\) must not be below SEND_RATE_PER_MINUTE \(30\)/),
    ]);
    expect(problems({ SEND_RATE_MAX_PER_MINUTE: 'fast' })).toEqual([
      expect.stringMatching(/^SEND_RATE_MAX_PER_MINUTE must be a whole number/),
    ]);
  });

  it('names each bad value', () => {
    expect(problems({ PORT: 'eighty', PUBLIC_URL: 'ftp://x', CURRENCY: 'BTC', LICENSE_TOKEN_TTL_DAYS: '0' })).toEqual([
      expect.stringMatching(/^PORT/),
      expect.stringMatching(/^PUBLIC_URL/),
      expect.stringMatching(/^CURRENCY/),
      expect.stringMatching(/^LICENSE_TOKEN_TTL_DAYS/),
    ]);
  });

  it('proves domains through the DNS stand-in locally, the configured or the system resolvers otherwise', () => {
    expect(loadConfig({}).dns).toEqual({ servers: null, standInEnabled: true, standInPort: 0 });
    expect(loadConfig({ DNS_RESOLVERS: '127.0.0.1:5353, 9.9.9.9' }).dns).toMatchObject({
      servers: ['127.0.0.1:5353', '9.9.9.9'],
      standInEnabled: false,
    });
    expect(
      loadConfig({ IDENTITY_PROVIDER: 'entra', ENTRA_CLIENT_ID: '8a1c2f3e-0000-4000-8000-000000000000' }).dns,
    ).toMatchObject({ servers: null, standInEnabled: false });
    expect(problems({ DNS_RESOLVERS: 'dns.example' })).toEqual([expect.stringMatching(/^DNS_RESOLVERS/)]);
    expect(problems({ ORGANISATION_DAILY_EMAIL_LIMIT: '-1' })).toEqual([
      expect.stringMatching(/^ORGANISATION_DAILY_EMAIL_LIMIT/),
    ]);
  });

  it('reads shared-mailbox rights in the new form, and the old form as Full Access and Send As', () => {
    const config = loadConfig({
      GRAPH_STANDIN_SHARED_MAILBOXES:
        'sales@contoso.com=bob@contoso.com:sendonbehalf|carl@contoso.com:fullaccess+sendas;old@contoso.com=dee@contoso.com',
    });
    expect(config.graph.standIn.sharedMailboxes).toMatchObject({
      'sales@contoso.com': { 'bob@contoso.com': ['SendOnBehalf'], 'carl@contoso.com': ['FullAccess', 'SendAs'] },
      'old@contoso.com': { 'dee@contoso.com': ['FullAccess', 'SendAs'] },
      'team@contoso.com': { 'anna@contoso.com': ['FullAccess', 'SendAs'] },
    });
    expect(problems({ GRAPH_STANDIN_SHARED_MAILBOXES: 'sales@contoso.com=bob@contoso.com:owner' })).toEqual([
      expect.stringMatching(/^GRAPH_STANDIN_SHARED_MAILBOXES/),
    ]);
  });

  it('derives the upload origins from the Graph cloud, and grants the development app registration every permission by default', () => {
    expect(loadConfig({ GRAPH_BASE_URL: 'https://graph.microsoft.com' }).graph.uploadOrigins).toEqual([
      'https://outlook.office.com',
      'https://outlook.office365.com',
    ]);
    expect(loadConfig({ GRAPH_BASE_URL: 'https://graph.microsoft.us' }).graph.uploadOrigins).toEqual([
      'https://outlook.office365.us',
    ]);
    expect(
      problems({ GRAPH_BASE_URL: 'https://graph.microsoft.com', GRAPH_UPLOAD_ORIGINS: 'http://insecure.example' }),
    ).toEqual([expect.stringMatching(/^GRAPH_UPLOAD_ORIGINS/)]);
    expect(loadConfig({}).graph.developmentScopes).toContain('Mail.ReadWrite');
    expect(loadConfig({ DEV_IDP_GRAPH_SCOPES: 'Mail.Send User.Read' }).graph.developmentScopes).toEqual([
      'Mail.Send',
      'User.Read',
    ]);
    expect(problems({ DEV_IDP_GRAPH_SCOPES: 'mail send' })).toEqual([
      expect.stringMatching(/^DEV_IDP_GRAPH_SCOPES/),
      expect.stringMatching(/^DEV_IDP_GRAPH_SCOPES/),
    ]);
    expect(loadConfig({ GRAPH_STANDIN_SEND_DELAY_MS: '100-200' }).graph.standIn.sendDelayMs).toMatchObject({
      min: 100,
      max: 200,
    });
    expect(problems({ GRAPH_STANDIN_SEND_DELAY_MS: '300-100' })).toEqual([
      expect.stringMatching(/^GRAPH_STANDIN_SEND_DELAY_MS/),
    ]);
  });

  it('reads groups through the development stand-ins by default, and through Entra and Graph only with a client secret otherwise', () => {
    expect(loadConfig({ PORT: '3100' }).groups).toMatchObject({
      tokenAuthority: 'http://127.0.0.1:3100/dev/idp',
      consentAuthority: 'http://localhost:3100/dev/idp',
      graphBaseUrl: 'http://127.0.0.1:3100/dev/graph',
      syncIntervalSeconds: 900,
    });
    expect(loadConfig({}).groups.clientSecret).toMatch(/\S/);
    const entra = {
      IDENTITY_PROVIDER: 'entra',
      ENTRA_CLIENT_ID: '8a1c2f3e-0000-4000-8000-000000000000',
      GRAPH_BASE_URL: 'https://graph.microsoft.com',
    };
    // Without ENTRA_CLIENT_SECRET group sync is off: nothing else breaks.
    expect(loadConfig(entra).groups).toMatchObject({
      clientSecret: null,
      tokenAuthority: 'https://login.microsoftonline.com',
      consentAuthority: 'https://login.microsoftonline.com',
      graphBaseUrl: 'https://graph.microsoft.com',
    });
    expect(
      loadConfig({ ...entra, ENTRA_CLIENT_SECRET: 's3cr3t', ENTRA_AUTHORITY: 'https://login.microsoftonline.us' })
        .groups,
    ).toMatchObject({ clientSecret: 's3cr3t', tokenAuthority: 'https://login.microsoftonline.us' });
    expect(problems({ GROUP_SYNC_INTERVAL_SECONDS: 'often' })).toEqual([
      expect.stringMatching(/^GROUP_SYNC_INTERVAL_SECONDS/),
    ]);
  });
});
