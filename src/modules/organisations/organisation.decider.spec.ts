import { actor, changchun, jilin } from '../../../test/support/actors';
import { broken, specFor } from '../../../test/support/given-when-then';
import { Role } from '../../events/envelope';
import {
  AdministrativeLevel,
  OrganisationEvent,
  OutreachOfficeDescribedV1,
  OrganisationRegisteredV1,
} from '../../events/organisation-events';
import {
  BusinessRuleError,
  ForbiddenError,
  InvalidStepError,
} from '../../platform/kernel/domain-errors';
import { ActorContext, OrganisationProfile } from '../../platform/access/actor';
import {
  DescribeOutreachOffice,
  RegisterOrganisation,
  levelOfRegionCode,
  organisationDecider,
  profileOf,
} from './organisation.decider';

const given = specFor(organisationDecider);

// ---------------------------------------------------------------------------------------------

const admin = actor(jilin.platform, ['admin']);

/** The registration of a body described by one of the shared profiles. */
const registration = (
  profile: OrganisationProfile,
  overrides: Partial<OrganisationRegisteredV1> = {},
): OrganisationRegisteredV1 => {
  const { reportsThrough: _derived, ...registered } = profile;
  return { ...(registered as OrganisationRegisteredV1), ...overrides };
};

const register = (
  organisation: OrganisationRegisteredV1,
  parent: OrganisationProfile | null = null,
  who: ActorContext = admin,
): RegisterOrganisation => ({
  type: 'RegisterOrganisation',
  actor: who,
  now: '2025-03-10T02:00:00.000Z',
  organisation,
  parent,
});

const registered = (organisation: OrganisationRegisteredV1): OrganisationEvent => ({
  type: 'OrganisationRegistered',
  data: organisation,
});

/** Nanguan District of Changchun, a county-level body. */
const nanguanCommittee = registration(changchun.committee, {
  organisationId: 'ng-party-committee',
  level: 'county',
  regionCode: '220102',
  nameZh: '中共长春市南关区委',
  nameEn: 'CPC Nanguan District Committee',
});

/** Jilin City (220200): a city like Changchun, in another region at the same level. */
const jilinCity = {
  committee: profileOf(
    registration(changchun.committee, {
      organisationId: 'jc-party-committee',
      regionCode: '220200',
      nameZh: '中共吉林市委',
      nameEn: 'CPC Jilin Municipal Committee',
    }),
  ),
  partyGroup: profileOf(
    registration(changchun.partyGroup, {
      organisationId: 'jc-npcsc-party-group',
      regionCode: '220200',
      nameZh: '吉林市人大常委会党组',
      nameEn: 'Party Group of the Jilin Municipal People’s Congress Standing Committee',
    }),
  ),
};

describe('organisation decider', () => {
  describe('registration', () => {
    it.each([
      ['the Jilin Party Committee', jilin.committee, null],
      ['the Jilin committee office', jilin.office, jilin.committee],
      ['the Jilin Standing Committee Party group', jilin.partyGroup, null],
      ['the Jilin Standing Committee', jilin.standingCommittee, null],
      ['the Jilin special committee', jilin.specialCommittee, jilin.standingCommittee],
      ['the Jilin government Party group', jilin.governmentPartyGroup, null],
      ['the Changchun Party Committee', changchun.committee, null],
      ['the Changchun committee office', changchun.office, changchun.committee],
      ['the Changchun special committee', changchun.specialCommittee, changchun.standingCommittee],
    ])('an administrator registers %s', (_label, profile, parent) => {
      const { state } = given([])
        .when(register(registration(profile), parent))
        .then([registered(registration(profile))]);
      // Whom a body reports through is the directory's to find, not the registration's.
      expect(state).toEqual({
        registered: true,
        profile: { ...profile, reportsThrough: null },
        outreach: null,
      });
    });

    it('a county-level Party Committee is registered with its county code', () => {
      given([])
        .when(register(nanguanCommittee))
        .then([registered(nanguanCommittee)]);
    });

    it('the Central Committee is registered at the national level with code 100000', () => {
      const central = registration(jilin.committee, {
        organisationId: 'cpc-central-committee',
        level: 'national',
        regionCode: '100000',
        nameZh: '中共中央',
        nameEn: 'CPC Central Committee',
      });
      given([])
        .when(register(central))
        .then([registered(central)]);
    });

    it('a body without a required parent kind may name a registered parent', () => {
      const outreach = registration(jilin.outreachOffice, {
        parentOrganisationId: jilin.partyGroup.organisationId,
      });
      given([])
        .when(register(outreach, jilin.partyGroup))
        .then([registered(outreach)]);
    });

    it('a caller holding admin among other roles may register', () => {
      given([])
        .when(
          register(
            registration(jilin.committee),
            null,
            actor(jilin.platform, ['analyst', 'admin']),
          ),
        )
        .then([registered(registration(jilin.committee))]);
    });

    it.each<[Role[]]>([
      [['legislature']],
      [['party_group']],
      [['committee_office']],
      [['analyst']],
      [[]],
    ])('a caller with roles %j may not register', (roles) => {
      given([])
        .when(register(registration(jilin.committee), null, actor(jilin.platform, roles)))
        .thenThrows(ForbiddenError, { details: { step: 'register', requiredRoles: ['admin'] } });
    });

    it('an organisation is registered once', () => {
      given([registered(registration(jilin.committee))])
        .when(register(registration(jilin.committee)))
        .thenThrows(InvalidStepError, {
          details: {
            step: 'register',
            currentState: 'registered',
            allowedSteps: ['describe_outreach'],
          },
        });
    });

    it('a non-administrator is refused before the organisation’s existence is revealed', () => {
      given([registered(registration(jilin.committee))])
        .when(
          register(registration(jilin.committee), null, actor(jilin.office, ['committee_office'])),
        )
        .thenThrows(ForbiddenError, { details: { step: 'register', requiredRoles: ['admin'] } });
    });
  });

  describe('GB/T 2260 region codes', () => {
    it.each([
      '22000',
      '2200000',
      '22000a',
      '',
      ' 22000',
      '020000',
      '920000',
      '000000',
      '190000',
      '800000',
    ])('%j is not an administrative division code', (regionCode) => {
      given([])
        .when(register(registration(jilin.committee, { regionCode })))
        .thenThrows(BusinessRuleError, broken('regionCode', 'gb_t_2260'));
    });

    it.each([
      ['100000', 'national'],
      ['220000', 'province'],
      ['110000', 'province'],
      ['220100', 'city'],
      ['110100', 'city'],
      ['220102', 'county'],
      ['220183', 'county'],
    ])('levelOfRegionCode(%s) is %s', (code, level) => {
      expect(levelOfRegionCode(code)).toBe(level);
    });

    it.each<[string, AdministrativeLevel]>([
      ['100000', 'province'],
      ['220000', 'national'],
      ['220000', 'city'],
      ['220000', 'county'],
      ['220100', 'province'],
      ['220100', 'county'],
      ['220102', 'province'],
      ['220102', 'city'],
    ])('code %s does not belong to a %s', (regionCode, level) => {
      given([])
        .when(register(registration(jilin.committee, { regionCode, level })))
        .thenThrows(BusinessRuleError, broken('level', 'level_matches_region_code'));
    });
  });

  describe('parents', () => {
    it.each([
      ['no parent', null],
      ['a Standing Committee Party group', jilin.partyGroup],
      ['another committee office', changchun.office],
    ])('a committee office with %s as parent is refused', (_label, parent) => {
      given([])
        .when(register(registration(jilin.office), parent))
        .thenThrows(BusinessRuleError, broken('parentOrganisationId', 'parent_kind'));
    });

    it.each([
      ['the provincial committee', jilin.committee],
      ['another city’s committee', jilinCity.committee],
    ])(
      'a committee office belongs to the committee of its own region, not %s',
      (_label, parent) => {
        given([])
          .when(register(registration(changchun.office), parent))
          .thenThrows(BusinessRuleError, broken('parentOrganisationId', 'same_level'));
      },
    );

    it.each([
      ['no parent', null],
      ['a Party Committee', jilin.committee],
      ['a government Party group', jilin.governmentPartyGroup],
      // Special committees belong to the Standing Committee, not to its Party group.
      ['the Standing Committee’s Party group', jilin.partyGroup],
    ])('a special committee with %s as parent is refused', (_label, parent) => {
      given([])
        .when(register(registration(jilin.specialCommittee), parent))
        .thenThrows(BusinessRuleError, broken('parentOrganisationId', 'parent_kind'));
    });

    it.each([
      ['a city Standing Committee', jilin.specialCommittee, changchun.standingCommittee],
      ['the provincial Standing Committee', changchun.specialCommittee, jilin.standingCommittee],
    ])(
      'a special committee belongs to the Standing Committee of its own region, not %s',
      (_l, org, parent) => {
        given([])
          .when(register(registration(org), parent))
          .thenThrows(BusinessRuleError, broken('parentOrganisationId', 'same_level'));
      },
    );

    it.each([jilin.governmentPartyGroup, jilin.outreachOffice, jilin.committee])(
      'an organisation of kind $kind naming an unregistered parent is refused',
      (profile) => {
        given([])
          .when(register(registration(profile, { parentOrganisationId: 'no-such-organisation' })))
          .thenThrows(BusinessRuleError, broken('parentOrganisationId', 'exists'));
      },
    );
  });

  describe('outreach offices', () => {
    const office = registration(jilin.outreachOffice);
    const network = (
      overrides: Partial<OutreachOfficeDescribedV1> = {},
    ): OutreachOfficeDescribedV1 => ({
      organisationId: office.organisationId,
      tier: 'provincial',
      legislatureIds: [jilin.partyGroup.organisationId, changchun.partyGroup.organisationId],
      liaisonOfficerIds: ['liaison-1'],
      collectionPoints: [{ placeId: 'grid-1', nameZh: '网格一', regionCode: '220102' }],
      outreachUnits: [{ placeId: 'unit-1', nameZh: '社区', regionCode: '220102' }],
      ...overrides,
    });
    const describeAs = (
      outreach: OutreachOfficeDescribedV1,
      legislatures: (OrganisationProfile | null)[] = [jilin.partyGroup, changchun.partyGroup],
      who: ActorContext = admin,
    ): DescribeOutreachOffice => ({
      type: 'DescribeOutreachOffice',
      actor: who,
      now: '2025-03-10T02:00:00.000Z',
      outreach,
      legislatures,
    });

    it('an administrator describes an office serving legislatures of two levels', () => {
      const { state } = given([registered(office)])
        .when(describeAs(network()))
        .then([{ type: 'OutreachOfficeDescribed', data: network() }]);
      expect(state).toMatchObject({ registered: true, outreach: network() });
    });

    it('a later description replaces the network', () => {
      const smaller = network({ legislatureIds: [jilin.partyGroup.organisationId] });
      const { state } = given([
        registered(office),
        { type: 'OutreachOfficeDescribed', data: network() },
      ])
        .when(describeAs(smaller, [jilin.partyGroup]))
        .then([{ type: 'OutreachOfficeDescribed', data: smaller }]);
      expect(state).toMatchObject({ outreach: smaller });
    });

    it('only an outreach office is described', () => {
      given([registered(registration(jilin.committee))])
        .when(describeAs(network({ organisationId: jilin.committee.organisationId })))
        .thenThrows(BusinessRuleError, broken('organisationId', 'outreach_office'));
    });

    it('every legislature served is a registered Party group of a legislature', () => {
      given([registered(office)])
        .when(describeAs(network(), [jilin.partyGroup, null]))
        .thenThrows(BusinessRuleError, broken('legislatureIds[1]', 'legislature'));
      given([registered(office)])
        .when(describeAs(network(), [jilin.partyGroup, jilin.committee]))
        .thenThrows(BusinessRuleError, broken('legislatureIds[1]', 'legislature'));
    });

    it.each<[OutreachOfficeDescribedV1['tier'], OrganisationProfile[]]>([
      ['national', [jilin.partyGroup]],
      ['prefecture', [jilin.partyGroup]],
      ['provincial', [changchun.partyGroup]],
    ])('a %s office serves a legislature of its level', (tier, legislatures) => {
      given([registered(office)])
        .when(
          describeAs(
            network({ tier, legislatureIds: legislatures.map((l) => l.organisationId) }),
            legislatures,
          ),
        )
        .thenThrows(BusinessRuleError, broken('tier', 'tier_matches_legislature'));
    });

    it('legislatures and places are named once each', () => {
      given([registered(office)])
        .when(
          describeAs(
            network({
              legislatureIds: [jilin.partyGroup.organisationId, jilin.partyGroup.organisationId],
            }),
            [jilin.partyGroup, jilin.partyGroup],
          ),
        )
        .thenThrows(BusinessRuleError, broken('legislatureIds', 'unique'));
      given([registered(office)])
        .when(
          describeAs(
            network({
              outreachUnits: [{ placeId: 'grid-1', nameZh: '重复', regionCode: '220102' }],
            }),
          ),
        )
        .thenThrows(BusinessRuleError, broken('collectionPoints', 'unique'));
    });

    it.each<[Role[]]>([[['legislature']], [['outreach']], [['analyst']]])(
      'a caller with roles %j may not describe an office',
      (roles) => {
        given([registered(office)])
          .when(describeAs(network(), undefined, actor(jilin.outreachOffice, roles)))
          .thenThrows(ForbiddenError, {
            details: { step: 'describe_outreach', requiredRoles: ['admin'] },
          });
      },
    );

    it('an unregistered organisation is not described', () => {
      given([])
        .when(describeAs(network()))
        .thenThrows(InvalidStepError, {
          details: {
            step: 'describe_outreach',
            currentState: 'none',
            allowedSteps: ['register'],
          },
        });
    });
  });
});
