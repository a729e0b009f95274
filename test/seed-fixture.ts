/** The per-hunk report of the seed on test/fixtures/patch/seed-tree (its context sits at other lines). */
export const SEED_TREE_HUNKS = [
  'fs/iolock.c: hunk 1/1 @@ -0,0 +1,88 @@: created (whitespace repaired)',
  'fs/read_write.c: hunk 1/3 @@ -14,6 +14,7 @@: applied at line 17 (offset 3)',
  'fs/read_write.c: hunk 2/3 @@ -247,14 +248,21 @@ vfs_read: applied at line 108 (offset -139, whitespace repaired)',
  'fs/read_write.c: hunk 3/3 @@ -298,14 +306,21 @@ vfs_write: applied at line 156 (offset -142, whitespace repaired)',
  'include/linux/iolock.h: hunk 1/1 @@ -0,0 +1,11 @@: created',
  'fs/Makefile: hunk 1/1 @@ -10,7 +10,7 @@ obj-y: applied at line 13 (offset 3, whitespace repaired)',
  'include/linux/fs.h: hunk 1/1 @@ -334,6 +334,8 @@ struct address_space_operations: applied at line 62 (offset -272, whitespace repaired)',
];
