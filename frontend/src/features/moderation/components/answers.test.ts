import { describe, expect, it } from 'vitest';
import { labelText } from '../api/moderation';
import { answerText } from './answers';

describe('answers in the comparison', () => {
  it('words option keys as labels', () => {
    expect(answerText('requires_improvement')).toBe('Requires improvement');
    expect(labelText('almost_perfect')).toBe('Almost perfect');
  });

  it('joins lists and says when a question was not answered', () => {
    expect(answerText(['health', 'social_care'])).toBe('Health, Social care');
    expect(answerText(null)).toBe('Not answered');
    expect(answerText('')).toBe('Not answered');
    expect(answerText(undefined)).toBe('Not answered');
  });

  it('gives numbers as they are and a milestone by its date', () => {
    expect(answerText(5)).toBe('5');
    expect(answerText({ actual: '2026-02-23', reason: 'Late' })).toBe('Happened on 2026-02-23');
  });
});
