from nr_xl.cli import main

main()
