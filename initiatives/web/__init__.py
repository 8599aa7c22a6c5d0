"""The public pages of the register and its reports: thin views over `reporting`."""
