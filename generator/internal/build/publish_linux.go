package build

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// swap exchanges the folders a and b in one step (renameat2 with
// RENAME_EXCHANGE). It reports false when the file system cannot.
func swap(a, b string) (bool, error) {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, unix.EINVAL), errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EOPNOTSUPP):
		return false, nil
	}
	return false, &os.LinkError{Op: "exchange", Old: a, New: b, Err: err}
}

// lockOut takes the lock beside out, waiting for another build in the
// same folder to finish; the returned func releases it.
func lockOut(out string) (func(), error) { return lockFile(scratchPrefix(out) + lockSuffix) }

// lockFile takes an exclusive lock on the file at path (made if missing),
// waiting for its holder; the returned func releases it. The lock is the
// kernel's (flock), so a killed build releases it as it dies.
func lockFile(path string) (func(), error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil
}
