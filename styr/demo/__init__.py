"""Sample data: the Alvesta demo group (`manage.py load_demo`) and synthetic groups for `make bench` (`manage.py generate_group`)."""
