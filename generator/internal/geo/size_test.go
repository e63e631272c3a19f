package geo

import "testing"

// TestOutputSize keeps the minified maps within what a page can inline.
func TestOutputSize(t *testing.T) {
	values, years := internetUse(t)
	world, err := Choropleth(World(), values, ChoroplethOptions{Years: years, Label: percent})
	if err != nil {
		t.Fatal(err)
	}
	africa, err := Render(GeoSpec{Values: values, Region: "africa"})
	if err != nil {
		t.Fatal(err)
	}
	dj, err := Locator("DJ", LocatorOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ws, err := Locator("WS", LocatorOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		b      []byte
		budget int
	}{{"world", world, 80_000}, {"africa", africa, 32_000}, {"locator DJ", dj, 12_000}, {"locator WS", ws, 18_000}} {
		t.Logf("%s: %d bytes", c.name, len(c.b))
		if len(c.b) > c.budget {
			t.Errorf("%s: %d bytes, over the budget of %d", c.name, len(c.b), c.budget)
		}
	}
}
