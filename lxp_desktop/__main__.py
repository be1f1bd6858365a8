from lxp_desktop.cli import main

raise SystemExit(main())
