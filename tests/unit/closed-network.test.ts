// The hub must work on a closed government network and contact nothing but its own services.
import { describe, expect, it } from 'vitest';

describe('no phoning home', () => {
  it('switches off @apollo/gateway telemetry and cloud-metadata probes as soon as the gateway module loads', async () => {
    process.env.APOLLO_TELEMETRY_DISABLED = 'false';
    await import('../../gateway/server.js');
    expect(process.env.APOLLO_TELEMETRY_DISABLED).toBe('true');
  });
});
