"""Coproduce: co-production in health and social care, run by equal partners."""
