"""API for evidence: one router gathering its four parts (indicators and figures, surveys,
coding, value), each defined beside the rest of its part."""

from ninja import Router

from coproduce.evidence.coding.api import router as coding_router
from coproduce.evidence.indicators.api import router as indicators_router
from coproduce.evidence.surveys.api import router as surveys_router
from coproduce.evidence.value.api import router as value_router

router = Router()
router.add_router("", indicators_router)
router.add_router("", surveys_router)
router.add_router("", coding_router)
router.add_router("", value_router)
