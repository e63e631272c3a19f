package build

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Scratch names, all beside the output folder and all starting with
// ".<out>." so that one .gitignore line (/.public.*) covers them:
//
//	.public.building-*  a build in progress (or killed)
//	.public.lock        held by the build that runs
const (
	buildingInfix = ".building-"
	lockSuffix    = ".lock"
)

// scratchPrefix is the start of every scratch name for out.
func scratchPrefix(out string) string {
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out))
}

// removeLeftovers deletes what killed builds left beside out: their
// scratch folders, which may hold a whole site. The caller holds the lock,
// so no other build is writing one.
func removeLeftovers(out string) error {
	matches, err := filepath.Glob(scratchPrefix(out) + buildingInfix + "*")
	if err != nil {
		return err
	}
	var errs []error
	for _, m := range matches {
		errs = append(errs, os.RemoveAll(m))
	}
	return errors.Join(errs...)
}

// publish puts the finished scratch folder in place of out so that out is
// at every instant either the old site or the new one, whole: the two are
// exchanged in one system call where the system has one (swap), and the
// old site, now under the scratch name, is deleted after. A build killed
// after the exchange leaves the old site under a scratch name, which the
// next build deletes.
func publish(scratch, out string) error {
	if err := os.Chmod(scratch, 0o755); err != nil {
		return err
	}
	if _, err := os.Lstat(out); errors.Is(err, os.ErrNotExist) {
		return os.Rename(scratch, out)
	}
	pauseForTests()
	swapped, err := swap(scratch, out)
	pauseForTests()
	if err != nil {
		return fmt.Errorf("publishing %s: %w", out, err)
	}
	if !swapped {
		if err := publishByRenames(scratch, out); err != nil {
			return err
		}
	}
	return os.RemoveAll(scratch)
}

// publishByRenames is publish where the system cannot exchange two paths:
// out is renamed aside and scratch renamed in, leaving out missing for the
// instant between the two renames. The old site waits under the scratch
// name, so a build killed in that instant leaves it for the next build to
// clean up and a person to find.
func publishByRenames(scratch, out string) error {
	aside := scratch + ".old"
	if !strings.HasPrefix(filepath.Base(aside), "."+filepath.Base(out)+buildingInfix) {
		return fmt.Errorf("scratch folder %s is not named for %s", scratch, out)
	}
	if err := os.Rename(out, aside); err != nil {
		return err
	}
	pauseForTests()
	if err := os.Rename(scratch, out); err != nil {
		os.Rename(aside, out)
		return err
	}
	return os.Rename(aside, scratch)
}

// pauseForTests sleeps for GENERATOR_TEST_PUBLISH_PAUSE (a Go duration)
// when it is set: the test that kills builds at random widens the instants
// around the exchange with it, so that kills land there too.
func pauseForTests() {
	if d, err := time.ParseDuration(os.Getenv("GENERATOR_TEST_PUBLISH_PAUSE")); err == nil {
		time.Sleep(d)
	}
}
