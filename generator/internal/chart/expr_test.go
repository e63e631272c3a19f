package chart

import (
	"strings"
	"testing"
)

// Expressions evaluate as Vega (JavaScript) evaluates them.
func TestExprEval(t *testing.T) {
	fields := []string{"a", "b", "s", "n", "d"}
	row := []cell{
		{kind: numNode, num: 3, text: "3"},
		{kind: strNode, text: "4"},
		{kind: strNode, text: "Hello"},
		{kind: nullNode},
		{kind: strNode, text: "2012-01-05"},
	}
	cases := []struct{ expr, want string }{
		{"datum.a + 1", "4"},
		{"datum.b + 1", "41"},
		{"datum.b * 2", "8"},
		{"datum.b > 3", "true"},
		{"datum.s === 'Hello'", "true"},
		{"datum['s'] == 'Hello' && datum.a < 5", "true"},
		{"datum.n == null", "true"},
		{"datum.n === null", "true"},
		{"datum.missing === undefined", "true"},
		{"isValid(datum.n)", "false"},
		{"datum.a > 2 ? 'big' : 'small'", "big"},
		{"upper(substring(datum.s, 1, 3))", "EL"},
		{"format(1234.5, ',.2f')", "1,234.50"},
		{"format(-0.125, '.1%')", "\u221212.5%"},
		{"year(datum.d)", "2012"},
		{"month(datum.d)", "0"},
		{"timeFormat(toDate(datum.d), '%b %d, %Y')", "Jan 05, 2012"},
		{"time(datetime(2012, 0, 5))", "1325721600000"},
		{"indexof(['a','b','c'], 'c')", "2"},
		{"test(/^h/i, datum.s)", "true"},
		{"replace(datum.s, /l+/, 'L')", "HeLo"},
		{"split('a-b-c', '-')[1]", "b"},
		{"length(datum.s)", "5"},
		{"pow(2, 10)", "1024"},
		{"round(2.5) + round(-2.5)", "1"},
		{"inrange(5, [1, 10])", "true"},
		{"toNumber('3.5') + 1", "4.5"},
		{"parseInt('42px')", "42"},
		{"'x' + [1, 2]", "x1,2"},
		{"1 / 0", "Infinity"},
		{"0 / 0", "NaN"},
		{"join(sequence(3), '|')", "0|1|2"},
		{"PI > 3", "true"},
		{"datum.a % 2 == 1 || false", "true"},
		{"{x: 1, y: datum.a}.y", "3"},
		{"timeFormat(datetime(2020, 6, 4, 15, 30), '%A %I:%M %p')", "Saturday 03:30 PM"},
	}
	for _, c := range cases {
		f, err := compileExpr(c.expr, &exprScope{fields: fields})
		if err != nil {
			t.Errorf("%s: %v", c.expr, err.msg)
			continue
		}
		got := f(&exprEnv{row: row, fields: fields}).str()
		if got != c.want {
			t.Errorf("%s = %q, want %q", c.expr, got, c.want)
		}
	}
}

func TestExprRefused(t *testing.T) {
	for _, src := range []string{"now()", "event.x", "constructor", "datum.x(", "a = 1", "alert('x')", "new Date()", strings.Repeat("(", 100) + "1" + strings.Repeat(")", 100)} {
		if _, err := compileExpr(src, &exprScope{}); err == nil {
			t.Errorf("%q compiled; want an error", src)
		}
	}
}
