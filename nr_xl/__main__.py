from nr_xl.entry import main

main()
