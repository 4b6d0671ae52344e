// src/cache/private-dir.ts
import { lstatSync, mkdirSync, statSync } from 'fs';
import { userInfo } from 'os';

function preparePrivateDirectory(dir, options = {}) {
  const look = options.followLinks === false ? lstatSync : statSync;
  let info;
  try {
    info = look(dir);
  } catch (error) {
    if (error.code !== 'ENOENT') return `cannot be read (${codeOf(error)})`;
    try {
      mkdirSync(dir, { recursive: true, mode: 448 });
      info = look(dir);
    } catch (created) {
      return `cannot be created (${codeOf(created)})`;
    }
  }
  return untrusted(info);
}
function untrusted(info) {
  if (info.isSymbolicLink()) return 'is a symbolic link';
  if (!info.isDirectory() && !info.isFile()) return 'is not a regular file or directory';
  const uid = currentUid();
  if (uid !== void 0 && info.uid !== uid) return `is owned by another user (uid ${info.uid})`;
  if ((info.mode & 2) !== 0) return 'is writable by every user';
  return void 0;
}
function currentUid() {
  try {
    const uid = userInfo().uid;
    return uid >= 0 ? uid : void 0;
  } catch {
    return void 0;
  }
}
function codeOf(error) {
  const code = error?.code;
  return typeof code === 'string' ? code : 'error';
}

export { preparePrivateDirectory, untrusted };
//# sourceMappingURL=chunk-2FIN6ECR.js.map
