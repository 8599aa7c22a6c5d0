//go:build tools

// The official publiccode.yml parser, pinned by this module's go.mod and go.sum; .ci/run
// builds its command line and checks the project's publiccode.yml with it.
package tools

import _ "github.com/italia/publiccode-parser-go/v3"
