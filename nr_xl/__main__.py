from nr_xl.cli.commands import main

main()
