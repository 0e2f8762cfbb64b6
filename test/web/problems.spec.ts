import type { FormInstance } from 'antd';
import { ApiError } from '../../web/src/api';
import { fieldPath, showProblem } from '../../web/src/problems';

type Shown = { name: (string | number)[]; errors: string[] };

/** The two calls showProblem makes on an antd form: its fields with their errors, and setFields. */
function formWith(fields: Shown[]) {
  const set: Shown[] = [];
  const form = {
    getFieldsError: () => fields,
    setFields: (changes: Shown[]) => set.push(...changes),
  } as unknown as FormInstance;
  return { form, set };
}
const field = (...name: (string | number)[]): Shown => ({ name, errors: [] });

describe('The API’s refusals, shown beside the fields they name', () => {
  it('reads the field paths of class-validator and of the business rules alike', () => {
    expect(fieldPath('points[0].text')).toEqual(['points', 0, 'text']);
    expect(fieldPath('points.2.text')).toEqual(['points', 2, 'text']);
    expect(fieldPath('explanation')).toEqual(['explanation']);
  });

  it('places each broken rule on the field, or the nearest field holding it, and returns the rest', () => {
    const { form, set } = formWith([
      field('outcome'),
      field('points'),
      field('points', 0, 'text'),
      field('articles'),
    ]);
    const unplaced = showProblem(
      form,
      new ApiError(422, {
        detail: 'Business rule violated',
        errors: [
          { field: 'points[0].text', rule: 'isLength', message: 'text is too short' },
          { field: 'points.0.text', rule: 'isString', message: 'text must be a string' },
          { field: 'points[0].number', rule: 'numbered_from_one', message: 'numbered 1, 2, 3' },
          { field: 'articles.1', rule: 'matches', message: 'each article must be an article id' },
          { field: 'outcome', rule: 'outcome_for_report', message: 'A report gets noted' },
          { field: 'submittingOrganisationId', rule: 'same_level', message: 'Not this level' },
        ],
      }),
    );
    expect(set).toEqual([
      { name: ['points', 0, 'text'], errors: ['text is too short', 'text must be a string'] },
      { name: ['points'], errors: ['numbered 1, 2, 3'] },
      { name: ['articles'], errors: ['each article must be an article id'] },
      { name: ['outcome'], errors: ['A report gets noted'] },
    ]);
    expect(unplaced).toEqual(['Not this level']);
  });

  it('takes away what an earlier refusal placed', () => {
    const { form, set } = formWith([
      { name: ['explanation'], errors: ['Feedback of partly_adopted must explain why'] },
      field('articles'),
    ]);
    showProblem(
      form,
      new ApiError(400, {
        errors: [{ field: 'articles.0', rule: 'matches', message: 'each article must be …' }],
      }),
    );
    expect(set).toEqual([
      { name: ['explanation'], errors: [] },
      { name: ['articles'], errors: ['each article must be …'] },
    ]);
  });

  it('shows a refusal that names no field, and any other failure, above the form', () => {
    const { form, set } = formWith([field('outcome')]);
    expect(
      showProblem(form, new ApiError(409, { detail: 'The step is not open while closed' })),
    ).toEqual(['The step is not open while closed']);
    expect(showProblem(form, new Error('Failed to fetch'))).toEqual(['Failed to fetch']);
    expect(set).toEqual([]);
  });
});
