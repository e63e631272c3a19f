package cms

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// node is the part of a JSON Schema the form is made from, with its
// properties in the order the schema writes them (the order a person
// reads the fields in).
type node struct {
	Ref         string           `json:"$ref"`
	Type        any              `json:"type"`
	Description string           `json:"description"`
	Enum        []any            `json:"enum"`
	Pattern     string           `json:"pattern"`
	MinLength   *int             `json:"minLength"`
	MaxLength   *int             `json:"maxLength"`
	Minimum     *float64         `json:"minimum"`
	Maximum     *float64         `json:"maximum"`
	MinItems    *int             `json:"minItems"`
	Required    []string         `json:"required"`
	Properties  properties       `json:"properties"`
	Pattern2    map[string]*node `json:"patternProperties"`
	Items       *node            `json:"items"`
	OneOf       []*node          `json:"oneOf"`
	AnyOf       []*node          `json:"anyOf"`
	Defs        map[string]*node `json:"$defs"`
}

type property struct {
	Name string
	*node
}

// properties keeps the order of a schema's "properties" object.
type properties []property

func (p *properties) UnmarshalJSON(b []byte) error {
	d := json.NewDecoder(bytes.NewReader(b))
	if t, err := d.Token(); err != nil || t != json.Delim('{') {
		return fmt.Errorf("properties: not an object")
	}
	for d.More() {
		t, err := d.Token()
		if err != nil {
			return err
		}
		var n node
		if err := d.Decode(&n); err != nil {
			return err
		}
		*p = append(*p, property{Name: t.(string), node: &n})
	}
	return nil
}

// parseSchema reads one schema file.
func parseSchema(b []byte) (*node, error) {
	var n node
	if err := json.Unmarshal(b, &n); err != nil {
		return nil, err
	}
	return &n, nil
}

// resolve follows a local $ref ("#/$defs/x"), keeping the referring
// node's description when it has one.
func (n *node) resolve(root *node) *node {
	for n != nil && n.Ref != "" {
		name, ok := strings.CutPrefix(n.Ref, "#/$defs/")
		def := root.Defs[name]
		if !ok || def == nil {
			return n
		}
		merged := *def
		if n.Description != "" {
			merged.Description = n.Description
		}
		n = &merged
	}
	return n
}

func (n *node) typeIs(t string) bool {
	switch v := n.Type.(type) {
	case string:
		return v == t
	case []any:
		for _, x := range v {
			if x == t {
				return true
			}
		}
	}
	return false
}

func (n *node) requires(name string) bool {
	for _, r := range n.Required {
		if r == name {
			return true
		}
	}
	return false
}
