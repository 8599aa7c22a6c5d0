module labregister.local/publiccode-check

go 1.26.8

require github.com/italia/publiccode-parser-go/v3 v3.0.0

require (
	github.com/Jeffail/gabs v1.4.0 // indirect
	github.com/alranel/go-vcsurl/v2 v2.0.1 // indirect
	github.com/deadcheat/goblet v1.3.1 // indirect
	github.com/dyatlov/go-oembed v0.0.0-20180429203341-4bc5ab7a42e9 // indirect
	github.com/go-playground/locales v0.14.0 // indirect
	github.com/go-playground/universal-translator v0.18.0 // indirect
	github.com/go-playground/validator/v10 v10.10.1 // indirect
	github.com/italia/httpclient-lib-go v0.0.0-20201009133728-9044482688d7 // indirect
	github.com/kyoh86/go-spdx v0.0.5-0.20220421143955-2f42f2d4c410 // indirect
	github.com/leodido/go-urn v1.2.1 // indirect
	github.com/rivo/uniseg v0.1.0 // indirect
	github.com/sirupsen/logrus v1.7.0 // indirect
	github.com/thoas/go-funk v0.4.0 // indirect
	github.com/tomnomnom/linkheader v0.0.0-20180905144013-02ca5825eb80 // indirect
	golang.org/x/crypto v0.0.0-20211215153901-e495a2d5b3d3 // indirect
	golang.org/x/sys v0.0.0-20210806184541-e5e7981a1069 // indirect
	golang.org/x/text v0.3.7 // indirect
	gopkg.in/yaml.v3 v3.0.0-20210107192922-496545a6307b // indirect
)
