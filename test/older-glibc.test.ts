/** A row a C library older than some glibc answers itself is a named skip there, and only there (steps/errors/older-glibc.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { olderGlibcAnswer } from '../steps/errors/older-glibc';

const older = { below: [2, 34] as [number, number], errno: 'EINVAL', why: 'its own name check' };
const failed = (errnoName: string) => ({ call: 'shm_open', rc: -1, errno: 22, errnoName });

test('glibc 2.31 answering EINVAL itself: the reason names the version, the errno, why, and where the kernel answers', () => {
  assert.equal(olderGlibcAnswer(failed('EINVAL'), older, '2.31'), 'glibc 2.31 answers EINVAL itself (its own name check); glibc 2.34 and later give this row\'s errno');
  assert.match(olderGlibcAnswer(failed('EINVAL'), older, '2.33') ?? '', /^glibc 2\.33 answers EINVAL/);
  assert.match(olderGlibcAnswer(failed('EINVAL'), older, '1.99') ?? '', /^glibc 1\.99 answers EINVAL/);
});

test('from that glibc on, with another errno, a success, or no such note, the result stands', () => {
  assert.equal(olderGlibcAnswer(failed('EINVAL'), older, '2.34'), undefined);
  assert.equal(olderGlibcAnswer(failed('EINVAL'), older, '2.41'), undefined);
  assert.equal(olderGlibcAnswer(failed('EINVAL'), older, '3.0'), undefined);
  assert.equal(olderGlibcAnswer(failed('ENAMETOOLONG'), older, '2.31'), undefined);
  assert.equal(olderGlibcAnswer({ call: 'shm_open', rc: 3, errno: 0, errnoName: 'OK' }, older, '2.31'), undefined);
  assert.equal(olderGlibcAnswer({ call: 'shm_open', rc: 0, errno: 0, errnoName: 'EINVAL' }, older, '2.31'), undefined);
  assert.equal(olderGlibcAnswer(failed('EINVAL'), undefined, '2.31'), undefined);
});
