import { boundText } from './integration-events';

describe('Integration event size', () => {
  const bytes = (value: string) => Buffer.byteLength(value);

  it('leaves an event that fits as it is', () => {
    const data = { submissionId: 's', text: { body: '正文' } };
    expect(boundText(data, 100, 1000)).toBe(JSON.stringify(data));
  });

  it('cuts every string of a long text to fit, saying it did and how large it was', () => {
    const text = { title: '标题', points: [{ number: 1, text: '意见'.repeat(50_000) }] };
    const value = boundText({ submissionId: 's', text }, 500, 20_000);
    expect(bytes(value)).toBeLessThanOrEqual(19_500);
    const parsed = JSON.parse(value) as { submissionId: string; text: Record<string, unknown> };
    expect(parsed).toMatchObject({
      submissionId: 's',
      text: {
        title: '标题',
        points: [{ number: 1, text: expect.stringMatching(/^(意见)+意?…$/) }],
        truncated: true,
        originalBytes: bytes(JSON.stringify(text)),
      },
    });
  });

  it('gives back an event too large for another reason unchanged, for the relay to park', () => {
    const data = { pointNumbers: Array.from({ length: 10_000 }, (_, i) => i), text: null };
    expect(boundText(data, 0, 20_000)).toBe(JSON.stringify(data));
  });
});
