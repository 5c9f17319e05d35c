from emg_parse.cli import main

main()
