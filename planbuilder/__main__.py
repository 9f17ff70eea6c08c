from planbuilder.launch import run

run()
