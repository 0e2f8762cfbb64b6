import { deterministicUuid } from '../commands/command-handler';
import {
  REPLY_ACCEPTED,
  REPLY_REFUSED,
  acceptedReply,
  commandReference,
  refusedReply,
  replyTopicAllowed,
} from './command-replies';
import { InboundRejection } from './inbound-commands';

const origin = { topic: 'legislink.commands', partition: 1, offset: '7' };
const headers = {
  ce_specversion: Buffer.from('1.0'),
  ce_id: Buffer.from('cmd-1'),
  ce_type: Buffer.from('cn.legislink.command.material.request.v1'),
  ce_source: Buffer.from('office-system'),
  ce_subject: Buffer.from('6f1c8a52-3f0e-4bb8-9d0e-2a7f5f0c1d11'),
};
const options = { source: 'urn:legislink:legislink', at: new Date('2025-03-10T02:00:00.000Z') };
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('Command replies', () => {
  it('allows only the default reply topic and topics under it', () => {
    expect(replyTopicAllowed('legislink.', 'legislink.command-replies')).toBe(true);
    expect(replyTopicAllowed('legislink.', 'legislink.command-replies.office-system')).toBe(true);
    for (const topic of [
      'legislink.submissions',
      'legislink.commands',
      'legislink.command-replies-x',
      'other.command-replies',
      'legislink.command-replies.a b',
      `legislink.command-replies.${'x'.repeat(250)}`,
    ]) {
      expect(replyTopicAllowed('legislink.', topic)).toBe(false);
    }
  });

  it('reads the command leniently and replies to the default topic unless an allowed one is named', () => {
    expect(commandReference('legislink.', origin, headers)).toEqual({
      id: 'cmd-1',
      type: 'cn.legislink.command.material.request.v1',
      source: 'office-system',
      subject: '6f1c8a52-3f0e-4bb8-9d0e-2a7f5f0c1d11',
      correlationId: 'cmd-1',
      replyTo: 'legislink.command-replies',
      origin: 'legislink.commands/1@7',
    });
    const named = (replyto: string) =>
      commandReference('legislink.', origin, { ...headers, ce_replyto: replyto }).replyTo;
    expect(named('legislink.command-replies.office-system')).toBe(
      'legislink.command-replies.office-system',
    );
    expect(named('legislink.submissions')).toBe('legislink.command-replies');
    // Repeated headers (a refusal of its own) still name the command by their first value.
    expect(
      commandReference('legislink.', origin, {
        ...headers,
        ce_correlationid: [Buffer.from('batch-1'), Buffer.from('batch-2')],
      }).correlationId,
    ).toBe('batch-1');
  });

  it('replies accepted with the response body, correlated and keyed like the command', () => {
    const command = commandReference('legislink.', origin, headers);
    const id = '6f1c8a52-3f0e-4bb8-9d0e-2a7f5f0c1d11';
    const body = {
      submissionId: id,
      revision: 5,
      status: 'awaiting_material',
      events: ['SupplementaryMaterialRequested'],
      requestNumber: 1,
    };
    const reply = acceptedReply(
      command,
      Buffer.from(id),
      { id, revision: 5, created: false, location: null, body },
      options,
    );
    expect(reply.key).toEqual(Buffer.from(id));
    expect(JSON.parse(reply.value as string)).toEqual({
      outcome: 'accepted',
      command: {
        id: 'cmd-1',
        type: 'cn.legislink.command.material.request.v1',
        source: 'office-system',
      },
      id,
      created: false,
      ...body,
    });
    expect(reply.headers).toEqual({
      ce_specversion: '1.0',
      'content-type': 'application/json',
      ce_id: deterministicUuid('reply', 'office-system', 'cmd-1', 'accepted'),
      ce_type: REPLY_ACCEPTED,
      ce_source: 'urn:legislink:legislink',
      ce_subject: id,
      ce_time: '2025-03-10T02:00:00.000Z',
      ce_dataschema: `urn:legislink:schema:${REPLY_ACCEPTED}`,
      ce_correlationid: 'cmd-1',
      ce_causationid: 'cmd-1',
      ce_partitionkey: id,
    });
    // The same command accepted again (a redelivery) gets the same reply.
    const again = acceptedReply(
      command,
      Buffer.from(id),
      { id, revision: 5, created: false, location: null, body },
      { ...options, at: new Date() },
    );
    expect(again.headers!.ce_id).toBe(reply.headers!.ce_id);
    expect(again.value).toBe(reply.value);
    expect(again.headers!.ce_time).toMatch(ISO);
  });

  it('replies refused with the problem and its errors, never the body', () => {
    const rejection = new InboundRejection(
      409,
      'Invalid step for the current state',
      'Cannot request material in state drafted',
      [{ field: 'ce_subject', rule: 'invalidStep', message: 'Cannot request material' }],
      { currentState: 'drafted', allowedSteps: ['amend_draft'] },
    );
    const reply = refusedReply(
      commandReference('legislink.', origin, headers),
      null,
      rejection,
      options,
    );
    expect(reply.key).toBeNull();
    expect(JSON.parse(reply.value as string)).toEqual({
      outcome: 'refused',
      command: {
        id: 'cmd-1',
        type: 'cn.legislink.command.material.request.v1',
        source: 'office-system',
      },
      status: 409,
      title: 'Invalid step for the current state',
      detail: 'Cannot request material in state drafted',
      currentState: 'drafted',
      allowedSteps: ['amend_draft'],
      errors: [{ field: 'ce_subject', rule: 'invalidStep', message: 'Cannot request material' }],
    });
    expect(reply.headers).toMatchObject({
      ce_type: REPLY_REFUSED,
      ce_causationid: 'cmd-1',
      ce_subject: '6f1c8a52-3f0e-4bb8-9d0e-2a7f5f0c1d11',
      ce_time: '2025-03-10T02:00:00.000Z',
    });
    expect(reply.headers).not.toHaveProperty('ce_partitionkey');
    // Another outcome of the same command is another reply.
    expect(reply.headers!.ce_id).not.toBe(
      deterministicUuid('reply', 'office-system', 'cmd-1', 'accepted'),
    );
  });

  it('names a command without ce_id by where it was read', () => {
    const { ce_id: _dropped, ...anonymous } = headers;
    const command = commandReference('legislink.', origin, anonymous);
    const reply = refusedReply(
      command,
      null,
      InboundRejection.invalid('ce_id is required', [
        { field: 'ce_id', rule: 'cloudEvents', message: 'ce_id is required' },
      ]),
      options,
    );
    expect(command).toMatchObject({ id: null, correlationId: null });
    expect(reply.headers).not.toHaveProperty('ce_causationid');
    expect(reply.headers!.ce_id).toBe(
      deterministicUuid(
        'reply',
        'office-system',
        'legislink.commands/1@7',
        'refused:400:Invalid request',
      ),
    );
  });
});
