package rulesview

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
)

var (
	//go:embed view.html
	pageHTML string
	//go:embed view.js
	script string
	//go:embed view.css
	style string

	pageTemplate = template.Must(template.New("view.html").Parse(pageHTML))
)

// HTML writes the page: one file, its script, style and data inline, loading nothing else.
func HTML(w io.Writer, d *Data) error {
	data, err := json.Marshal(d) // escapes <, > and & (and U+2028, U+2029): no "</script>" in it
	if err != nil {
		return fmt.Errorf("encode the view's data: %w", err)
	}
	var b bytes.Buffer
	err = pageTemplate.Execute(&b, struct {
		Title, CSP   string
		Data, Script template.JS
		Style        template.CSS
	}{
		Title: "netiso rules " + d.Version,
		// Nothing but the page's own script and style: no network, no eval, no other inline code.
		CSP:    "default-src 'none'; script-src " + hash(script) + "; style-src " + hash(style) + "; img-src data:",
		Data:   template.JS(data),   //nolint:gosec // json.Marshal escapes <, > and &: nothing in it can close the element
		Script: template.JS(script), //nolint:gosec // this package's own file
		Style:  template.CSS(style), //nolint:gosec // this package's own file
	})
	if err != nil {
		return fmt.Errorf("render the view: %w", err)
	}
	_, err = w.Write(b.Bytes())
	return err
}

// hash is a CSP source for an inline element whose content is s.
func hash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}
