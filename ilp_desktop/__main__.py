from ilp_desktop.cli import main

raise SystemExit(main())
