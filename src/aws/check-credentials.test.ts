import { describe, expect, it } from 'vitest';

import { checkCredentials } from './check-credentials.js';
import { createAwsClients } from './clients.js';

describe('checkCredentials', () => {
  it('accepts credentials the chain can resolve', async () => {
    const clients = createAwsClients({ region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'dummy' } });

    expect(await checkCredentials(clients)).toEqual({ ok: true });
  });

  it('reports a chain that finds nothing, without throwing', async () => {
    const credentials = async () => {
      throw Object.assign(new Error('Could not load credentials from any providers\nmore detail'), { name: 'CredentialsProviderError' });
    };
    const clients = createAwsClients({ region: 'us-east-1', credentials });

    expect(await checkCredentials(clients)).toEqual({ ok: false, message: 'Could not load credentials from any providers' });
  });

  it('rejects an empty key', async () => {
    const clients = createAwsClients({ region: 'us-east-1', credentials: { accessKeyId: '', secretAccessKey: '' } });

    expect(await checkCredentials(clients)).toEqual({ ok: false, message: 'the credential chain returned an empty key' });
  });
});
