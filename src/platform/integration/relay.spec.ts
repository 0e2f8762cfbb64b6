import Database from 'better-sqlite3';
import { AssignerProtocol } from 'kafkajs';
import { RelayCheckpoints } from './relay';
import { chooseLeaseHolder, leaseAssigner } from './relay-lease';

describe('Relay checkpoints', () => {
  it('start at the beginning and only ever move forward', () => {
    const db = new Database(':memory:');
    const checkpoints = new RelayCheckpoints(db, 'legislink.relay');
    expect(checkpoints.position()).toBe('start');
    checkpoints.advance('10/10', 10);
    checkpoints.advance('25/25', 15);
    // A fenced former leader finishing a late batch cannot drag it back.
    checkpoints.advance('12/12', 2);
    expect(checkpoints.position()).toBe('25/25');
    expect(new RelayCheckpoints(db, 'other.relay').position()).toBe('start');
    db.close();
  });
});

describe('Relay lease assignment', () => {
  it('keeps the lease with its holder, else gives it to the lowest member id', () => {
    expect(chooseLeaseHolder([])).toBeNull();
    expect(
      chooseLeaseHolder([
        { memberId: 'legislink-b', holding: false },
        { memberId: 'legislink-a', holding: false },
      ]),
    ).toBe('legislink-a');
    expect(
      chooseLeaseHolder([
        { memberId: 'legislink-a', holding: false },
        { memberId: 'legislink-c', holding: true },
      ]),
    ).toBe('legislink-c');
  });

  it('assigns partition 0 to the member whose metadata says it holds the lease', async () => {
    const assigner = (holding: boolean) =>
      leaseAssigner(() => holding)({} as Parameters<ReturnType<typeof leaseAssigner>>[0]);
    const member = (memberId: string, holding: boolean) => ({
      memberId,
      memberMetadata: assigner(holding).protocol({ topics: ['lease'] }).metadata,
    });
    const assignment = await assigner(false).assign({
      members: [member('a', false), member('b', true)],
      topics: ['lease'],
    });
    const decoded = Object.fromEntries(
      assignment.map((a) => [
        a.memberId,
        AssignerProtocol.MemberAssignment.decode(a.memberAssignment)?.assignment,
      ]),
    );
    expect(decoded).toEqual({ a: {}, b: { lease: [0] } });
  });
});
