from emg_parse.cli import run

run()
