//go:build !linux

package build

// swap reports that this system has no atomic exchange of two folders, so
// publish falls back to two renames.
func swap(a, b string) (bool, error) { return false, nil }

// lockOut takes no lock where the kernel's advisory locks are not at hand:
// one build at a time is then the user's to ensure.
func lockOut(out string) (func(), error) { return func() {}, nil }

// lockFile takes no lock either.
func lockFile(path string) (func(), error) { return func() {}, nil }
