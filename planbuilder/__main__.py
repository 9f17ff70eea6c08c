from planbuilder.cli import main

raise SystemExit(main())
